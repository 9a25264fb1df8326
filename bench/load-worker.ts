// Runs one load in its own process and prints the result as JSON: the load generator must not share
// an event loop with anything it measures (bench/run.ts also hosts the local Redis endpoint).
import { runLoad, type LoadOptions } from './load'

const options = JSON.parse(process.argv[2] ?? '{}') as LoadOptions
process.stdout.write(`${JSON.stringify(await runLoad(options))}\n`)
