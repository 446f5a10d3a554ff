import { builtinEnvironments, type Environment } from 'vitest/environments';

/**
 * jsdom with Node's own AbortController and AbortSignal. jsdom brings its own, and Node 24's fetch (undici,
 * which MSW intercepts) refuses a signal that is not an instance of Node's class: every request made with a
 * TanStack Query signal failed there ("Expected signal to be an instance of AbortSignal"), on Node 20 not.
 */
export default {
  name: 'jsdom',
  transformMode: 'web',
  async setup(global, options) {
    const { AbortController, AbortSignal } = global as typeof globalThis;
    const jsdom = await builtinEnvironments.jsdom.setup(global, options);
    Object.assign(global, { AbortController, AbortSignal });
    return jsdom;
  },
} satisfies Environment;
