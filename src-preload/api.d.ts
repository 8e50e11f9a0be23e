import type { Api } from './contract';

declare global {
  interface Window {
    /** Made by the preload in the desktop app; absent in browser mode. */
    api?: Api;
  }
}
export {};
