import { startS3Server, TEST_SECRET, type S3Server } from '../src-main/object-storage/testing/s3-server';
import { expect, test } from './fixtures/launch-app';
import { addSignal, exportAndWaitForPreview, openTreePath, screenshot, setUtcWindow, WIND_FARM } from './window-helpers';

/*
 * Save… to S3, as a user does it: export, open Save…, choose S3, type the URL (refused as typed
 * while it is not one) and the endpoint of a real S3-compatible server (s3rver on 127.0.0.1,
 * started here: the app's host inherits its credentials as it would the AWS environment), a
 * missing bucket refused in the dialog with nothing typed lost, then saved: the objects are in the
 * bucket, a parquet file per UTC day and the record.
 */

let s3: S3Server;
test.beforeAll(async () => {
  s3 = await startS3Server('plant-data');
  // Read by the host the fixture starts (its environment is this process's): the AWS chain's credentials.
  Object.assign(process.env, s3.env);
});
test.afterAll(async () => {
  await s3?.close();
});

test('export, then save to S3: the URL checked as typed, a missing bucket said in the dialog, the objects in the bucket', async ({
  app,
}) => {
  const { page } = app;
  await openTreePath(page, [WIND_FARM, 'String A', 'WTG-A01', 'Nacelle']);
  await addSignal(page, 'Wind Speed');
  // Across midnight UTC: two days, two parquet objects.
  await setUtcWindow(page, '2025-06-01 23:00', '2025-06-02 01:00');
  await page.getByRole('combobox', { name: 'Format' }).selectOption('parquet');
  await exportAndWaitForPreview(page);

  await page.getByRole('button', { name: 'Save…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save the data' });
  await dialog.getByRole('radio', { name: /^S3/ }).check();
  const url = dialog.getByRole('textbox', { name: 'S3 URL' });
  const endpoint = dialog.getByRole('textbox', { name: /^Endpoint/ });

  // Not an S3 URL yet: said beside the field as it is typed.
  await url.fill('s3://Plant_Data/');
  await expect(url).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByRole('alert').filter({ hasText: 'is not a bucket name' })).toBeVisible();
  await endpoint.fill('localhost:9000');
  await expect(dialog.getByRole('alert').filter({ hasText: 'expected http(s)://host:port' })).toBeVisible();
  await endpoint.fill(s3.endpoint);
  await expect(endpoint).toHaveAttribute('aria-invalid', 'false');

  // A bucket the store does not have: the store's answer in the dialog, the fields as typed.
  await url.fill('s3://no-such-bucket/wind/');
  await expect(url).toHaveAttribute('aria-invalid', 'false');
  await dialog.getByRole('button', { name: 'Save to S3' }).click();
  const refused = dialog.getByRole('alert').filter({ hasText: 'Not saved to S3.' });
  await expect(refused).toContainText('s3://no-such-bucket/wind/');
  await expect(refused).toContainText('Check the bucket name');
  await expect(refused).not.toContainText(TEST_SECRET);
  await expect(endpoint).toHaveValue(s3.endpoint);
  await screenshot(page, 'save-to-s3-refused');
  await expect(dialog.getByRole('radio', { name: /^S3/ })).toBeChecked();

  await url.fill('s3://plant-data/exports/wtg-a01/');
  await expect(refused).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Save to S3' }).click();
  await expect(dialog.getByRole('status')).toContainText(
    'Saved 3 objects to s3://plant-data/exports/wtg-a01/ (2 parquet files and export.json)',
  );

  const objects = [...(await s3.objects('exports/wtg-a01/')).keys()].sort();
  expect(objects).toEqual(['date=2025-06-01/part-0000.parquet', 'date=2025-06-02/part-0000.parquet', 'export.json']);
  const record = JSON.parse((await s3.read('exports/wtg-a01/export.json')).toString()) as { layout: string; rowCount: number };
  expect(record.layout).toBe('dataset');
  expect(record.rowCount).toBeGreaterThan(0);
});
