// `node --import ./test/support/trace-imports.mjs …`: records which modules a process loads.
import { register } from "node:module";

register("./import-hooks.mjs", import.meta.url);
