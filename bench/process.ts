/**
 * `npm run bench:process`: the process-level part of the bench alone (a minute or two): start-up
 * to the first answer, and the compiled bot under a load of DingTalk callbacks.
 */
import { benchLoad } from "./load.js";
import { benchStartup } from "./startup.js";

const print = (line = "") => process.stdout.write(line + "\n");
print(`# Jianfu bench: the process (node ${process.version}, ${new Date().toISOString()})`);
print();
print("## Start-up to the first answer");
await benchStartup(print);
print();
const loadSeconds = Number(process.env.BENCH_LOAD_SECONDS ?? 30);
print(`## The compiled bot under load (DingTalk, ${loadSeconds} s)`);
await benchLoad(print, 500, loadSeconds);
