import fs from "node:fs";
import { printSummary, summarise } from "./cpuprofile-summary";
const dir = process.argv[2]!;
const file = fs.readdirSync(dir).find((f) => f.endsWith(".cpuprofile"))!;
printSummary(summarise(`${dir}/${file}`, Number(process.argv[3] ?? 40)));
