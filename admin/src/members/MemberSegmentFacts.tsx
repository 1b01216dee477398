/**
 * The member's lifecycle stage and RFM in the profile: 活跃 · 重要发展 R4 F2 M3 (each child a component: Labeled shows no
 * label over a bare DOM element).
 */
import { Box } from "@mui/material";
import { Labeled, useRecordContext } from "react-admin";
import { RfmText, StageChip, type Rfm } from "../segments/facts";

export function MemberSegmentFacts() {
  const record = useRecordContext<{ stage?: string; rfm?: Rfm }>();
  if (!record?.stage || !record.rfm) return null;
  return (
    <>
      <Labeled label="resources.segments.member_facts.stage">
        <Box data-testid="member-stage">
          <StageChip stage={record.stage} />
        </Box>
      </Labeled>
      <Labeled label="resources.segments.member_facts.rfm">
        <Box data-testid="member-rfm">
          <RfmText rfm={record.rfm} />
        </Box>
      </Labeled>
    </>
  );
}
