/** The CDK app synthesized offline for the infra tests: no bundling, a stub console build, a throwaway cdk.out. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, Stack, type CfnElement } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import type { IConstruct } from "constructs";
import { createStacks, settingsFromContext, type RegularsStacks } from "../../infra/lib/regulars.js";

export const REGION = "ap-east-1";
export type Json = Record<string, any>;

export interface SynthesizedApp {
  app: App;
  stacks: RegularsStacks;
  template: (stack: keyof RegularsStacks) => Template;
  /** Remove the working directory. */
  dispose: () => void;
}

/** A fresh app as the CLI would build it, with `context` as if given by `-c key=value`. */
export function synthesizeApp(context: Record<string, unknown> = {}): SynthesizedApp {
  const workDir = mkdtempSync(join(tmpdir(), "regulars-infra-"));
  const dist = join(workDir, "dist");
  mkdirSync(dist);
  writeFileSync(join(dist, "index.html"), "<!doctype html><title>Regulars</title>");
  const dispose = () => rmSync(workDir, { recursive: true, force: true });
  const app = new App({ outdir: join(workDir, "cdk.out"), context: { "aws:cdk:bundling-stacks": [], ...context } });
  let stacks: RegularsStacks;
  try {
    stacks = createStacks(app, {
      env: { account: "123456789012", region: REGION },
      consoleDist: dist,
      ...settingsFromContext(app),
    });
  } catch (error) {
    dispose();
    throw error;
  }
  const templates = new Map<string, Template>();
  const template = (name: keyof RegularsStacks) => {
    if (!templates.has(name)) templates.set(name, Template.fromStack(stacks[name]));
    return templates.get(name)!;
  };
  return { app, stacks, template, dispose };
}

export function logicalId(construct: IConstruct): string {
  const element = (construct.node.defaultChild ?? construct) as CfnElement;
  return Stack.of(element).getLogicalId(element);
}

/** Every statement of every IAM policy (inline and role default policies) of a template. */
export function policyStatements(template: Template): Json[] {
  const policies = Object.values(template.findResources("AWS::IAM::Policy")) as Json[];
  return policies.flatMap((policy) => policy.Properties.PolicyDocument.Statement);
}

export const actionsOf = (statement: Json): string[] => [statement.Action].flat();
export const resourcesOf = (statement: Json): unknown[] => [statement.Resource].flat();
