#!/usr/bin/env node
/**
 * The CDK app (cdk.json: `npx tsx infra/bin/app.ts`). Synthesis runs the cdk-nag
 * AwsSolutions checks: a finding that infra/lib/nag-suppressions.ts does not
 * acknowledge (with its reason) stops the synth and the deploy.
 */
import { App, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { acknowledgeNagFindings } from "../lib/nag-suppressions.js";
import { createStacks, regionFromEnv, settingsFromContext } from "../lib/regulars.js";

const app = new App();
const stacks = createStacks(app, {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: regionFromEnv() },
  ...settingsFromContext(app),
});
acknowledgeNagFindings(stacks);
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
