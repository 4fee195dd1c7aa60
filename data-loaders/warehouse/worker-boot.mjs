// Entry of a parse worker. Plain JavaScript so that it loads without a TypeScript loader: it
// registers tsx in this thread (a worker does not inherit the parent's tsx hooks on node 20),
// then loads worker.ts.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(new URL("./worker.ts", import.meta.url).href);
