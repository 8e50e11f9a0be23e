import type { Linter } from 'eslint';

export declare const HOSTS: string[];
export declare const SERVICE_TO_HOST: string;
export declare const SERVICE_TO_APP: string;
export declare const EMULATOR_TO_APP: string;
export declare const RUN_OUTSIDE_SESSION: string;
/** The main process's boundary rules for its source folder `root` (relative to `basePath`, default the working directory): one config for sources, one for tests and their helpers (`testing/`). */
export declare function mainBoundaries(root: string, basePath?: string): Linter.Config[];
