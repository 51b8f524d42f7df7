import { JianfuError } from "../errors.js";

/** The database could not be opened, migrated or written; the message names the file. */
export class StoreError extends JianfuError {
  constructor(
    message: string,
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
