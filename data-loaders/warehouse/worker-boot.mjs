// Entry of a parse worker for any parser module (workerData.parserUrl), and the fallback when the
// bundle of worker-entry.ts cannot be built. Plain JavaScript so that it loads without a
// TypeScript loader: it registers tsx in this thread (a worker does not inherit the parent's tsx
// hooks on node 20), then loads worker.ts and the parser.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { serveModule } = await import(new URL("./worker.ts", import.meta.url).href);
serveModule(await import(workerData.parserUrl), workerData.parserUrl);
