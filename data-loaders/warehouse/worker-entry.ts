/**
 * The parse worker with the default parser built in: the entry that bundle.ts bundles into one
 * file, so that a worker loads one module instead of ~100 through tsx's loader.
 */
import { parseFile } from "../parse-file.ts";
import { serve } from "./worker.ts";

serve(parseFile);
