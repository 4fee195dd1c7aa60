// Arrow (apache-arrow) helper, for pages that want an Arrow JS table rather than rows or Arquero.
import {tableFromIPC} from "npm:apache-arrow";

/**
 * Arrow table from a FileAttachment of a loader output (src/data/*.arrow, Arrow IPC stream):
 *   const reports = await arrowTable(FileAttachment("data/overview.arrow"));
 * Use this instead of FileAttachment(...).arrow(): that one stops reading at the stream's
 * end-of-stream marker and cancels the download, which the browser reports as a failed request.
 */
export async function arrowTable(file) {
  return tableFromIPC(new Uint8Array(await file.arrayBuffer()));
}
