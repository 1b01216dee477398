#!/usr/bin/env node
/** The CDK app (cdk.json: `npx tsx infra/bin/app.ts`). */
import { App } from "aws-cdk-lib";
import { createStacks, regionFromEnv } from "../lib/regulars.js";

const app = new App();
createStacks(app, { env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: regionFromEnv() } });
app.synth();
