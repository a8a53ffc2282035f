import { z } from 'zod';

// zod compiles object parsers with `new Function` when it may, and probes for it
// with a caught `new Function("")`: under the client's CSP (no 'unsafe-eval')
// that probe is a reported violation. Forms use this configured instance.
z.config({ jitless: true });

export { z };
