/** Separator and decimal mark for a csv that Excel in this locale opens as columns of numbers. */
export function excelCsvStyle(locale: string): { separator: string; decimal: string } {
  let decimal = '.';
  try {
    decimal = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
  } catch {
    // An unknown locale: fall back to the English style.
  }
  return decimal === ',' ? { separator: ';', decimal: ',' } : { separator: ',', decimal: '.' };
}
