import "server-only";
import path from "node:path";
import { env, isEmbeddedDatabase } from "@/lib/env";
import { readOrCreateSecret } from "./local-secret";

let appSecret: Buffer | undefined;

/** The key behind every keyed hash and signed form token. Read once. */
export function getAppSecret(): Buffer {
  appSecret ??= readOrCreateSecret({
    envName: "APP_SECRET",
    fromEnv: env.APP_SECRET,
    embedded: isEmbeddedDatabase(),
    dataDir: path.resolve(env.DATA_DIR),
  });
  return appSecret;
}
