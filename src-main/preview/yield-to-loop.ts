/** Lets the event loop answer what is waiting (the window's other calls) before more work. */
export const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
