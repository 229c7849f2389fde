// Loaded before the Scalar bundle on /api/. Its schema library (zod) probes whether it may compile code with
// Function(""), which the page's Content-Security-Policy forbids; declaring the library "jitless" skips the probe, so
// the browser records no violation, and the library takes the interpreted path it would take anyway.
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });
