/**
 * cdk-nag: the AwsSolutions rule pack over every stack of the app, synthesized as
 * the CLI does. Every finding must be acknowledged in infra/lib/nag-suppressions.ts
 * with a reason, and every acknowledgement must still match a finding.
 */
import { Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks, type IApplyRule } from "cdk-nag";
import { afterAll, describe, expect, it } from "vitest";
import { acknowledgeNagFindings, type NagSuppression } from "../../infra/lib/nag-suppressions.js";
import { synthesizeApp, type SynthesizedApp } from "./synth.js";

interface Finding {
  rule: string;
  severity: string;
  path: string;
}

/** AwsSolutionsChecks that also counts what it evaluated. */
class CountedAwsSolutionsChecks extends AwsSolutionsChecks {
  readonly rules = new Set<string>();
  evaluations = 0;
  protected applyRule(params: IApplyRule): void {
    this.rules.add(params.ruleSuffixOverride ?? params.rule.name);
    this.evaluations++;
    super.applyRule(params);
  }
}

/** Check after synthesis, as the CLI's validation does: cross-stack references are imports by then. */
function check(synthesized: SynthesizedApp) {
  synthesized.app.synth();
  const checks = new CountedAwsSolutionsChecks(synthesized.app);
  const report = checks.validateScope(synthesized.app);
  const findings: Finding[] = report.violations.flatMap((violation) =>
    violation.violatingResources.map((resource) => ({
      rule: violation.ruleName,
      severity: violation.severity ?? "error",
      path: resource.constructPath ?? "",
    })),
  );
  return { checks, findings };
}

const show = (findings: Finding[]) =>
  findings.map((finding) => `${finding.severity} ${finding.rule} at ${finding.path}`);

// Two apps: one as deployed (acknowledged), one bare, to see what each acknowledgement answers.
const acknowledged = synthesizeApp();
const suppressions: NagSuppression[] = acknowledgeNagFindings(acknowledged.stacks);
const afterAcknowledging = check(acknowledged);
const bare = synthesizeApp();
const beforeAcknowledging = check(bare);

const rulesChecked = afterAcknowledging.checks.rules.size;
const evaluations = afterAcknowledging.checks.evaluations;
const rawFindings = beforeAcknowledging.findings.length;
console.log(
  `cdk-nag AwsSolutions: ${rulesChecked} rules, ${evaluations} rule evaluations over ${Object.keys(acknowledged.stacks).length} stacks; ` +
    `${rawFindings} findings, ${suppressions.length} acknowledged with reasons, ${afterAcknowledging.findings.length} left`,
);

afterAll(() => {
  acknowledged.dispose();
  bare.dispose();
});

describe(
  `cdk-nag AwsSolutions (${rulesChecked} rules, ${evaluations} evaluations, ` +
    `${rawFindings} findings, ${suppressions.length} acknowledged)`,
  () => {
    it("leaves no unacknowledged error or warning in any stack", () => {
      expect(show(afterAcknowledging.findings)).toEqual([]);
      expect(rulesChecked).toBeGreaterThan(20);
    });

    it("acknowledges only findings that exist, each on the construct that has it", () => {
      const unused = suppressions.filter(
        ({ scope, id }) =>
          !beforeAcknowledging.findings.some(
            (finding) =>
              finding.rule === id &&
              (finding.path === scope.node.path || finding.path.startsWith(`${scope.node.path}/`)),
          ),
      );
      expect(unused.map(({ scope, id }) => `${id} at ${scope.node.path}`)).toEqual([]);
      // One acknowledgement per finding: none covers two resources at once.
      expect(suppressions.length).toBe(rawFindings);
    });

    it("gives every acknowledgement a written reason", () => {
      for (const { id, reason, scope } of suppressions) {
        expect(reason.length, `${id} at ${scope.node.path}`).toBeGreaterThanOrEqual(80);
        expect(reason).not.toMatch(/TODO|TBD|FIXME/i);
      }
    });

    it("acknowledges only two findings on webhook delivery: its function's runtime and its schedule's invoke grant", () => {
      const webhooks = acknowledged.stacks.jobs.webhooks;
      const onWebhooks = suppressions
        .filter(({ scope }) => scope.node.path.startsWith(`${webhooks.node.path}/`))
        .map(({ scope, id }) => `${id.replace(/<[^>]+>/, "<fn>")} at ${scope.node.path}`);
      expect(onWebhooks.sort()).toEqual([
        "AwsSolutions-IAM5[Resource::<fn>:*] at RegularsJobs/Webhooks/SchedulerRole/DefaultPolicy",
        "AwsSolutions-L1 at RegularsJobs/Webhooks/Function/Resource",
      ]);
      // The queue has its DLQ (SQS3), every queue is TLS-only (SQS4) and encrypted (SQS2): nothing else to explain.
      expect(beforeAcknowledging.findings.filter((finding) => finding.path.includes("/Webhooks/")).length).toBe(2);
    });

    it("runs the same checks on every synth, as the CLI does (infra/bin/app.ts), and they pass", () => {
      const app = synthesizeApp();
      try {
        acknowledgeNagFindings(app.stacks);
        Validations.of(app.app).addPlugins(new AwsSolutionsChecks(app.app));
        expect(() => app.app.synth()).not.toThrow();
      } finally {
        app.dispose();
      }
    });

    it("stops a synth with an unacknowledged finding", () => {
      const app = synthesizeApp();
      try {
        Validations.of(app.app).addPlugins(new AwsSolutionsChecks(app.app));
        expect(() => app.app.synth()).toThrow(/AwsSolutions-COG1/);
      } finally {
        app.dispose();
      }
    });
  },
);
