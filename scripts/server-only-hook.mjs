// Lets plain Node (seed, scripts) load server code: `server-only` throws outside React Server
// Components on purpose, and these scripts are server code that does not run in RSC.
import { register } from 'node:module'

register(
  'data:text/javascript,' +
    encodeURIComponent(`
export async function resolve(specifier, context, next) {
  if (specifier === 'server-only') return { url: 'data:text/javascript,export {}', shortCircuit: true }
  return next(specifier, context)
}`),
)
