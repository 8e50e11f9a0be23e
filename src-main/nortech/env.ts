import { DEFAULT_API_URL } from '../../src-preload/contract';

/** The API's address and key from the environment: the names Nortech's own Python SDK reads. */
export function targetFromEnv(env: NodeJS.ProcessEnv = process.env): { apiUrl: string; apiKey: string | undefined } {
  const apiUrl = env.NORTECH_API_URL?.trim() || DEFAULT_API_URL;
  const apiKey = env.NORTECH_API_KEY?.trim() || undefined;
  return { apiUrl, apiKey };
}
