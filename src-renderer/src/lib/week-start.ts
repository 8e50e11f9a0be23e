import { createContext, useContext } from 'react';
import { DEFAULT_WEEK_START, type WeekStart } from '../../../src-preload/contract/time-expressions';

/** The day weeks start on (Settings), for every place the window reads `now/w`; provided where the app composes the selection. */
export const WeekStartContext = createContext<WeekStart>(DEFAULT_WEEK_START);
export const useWeekStart = () => useContext(WeekStartContext);
