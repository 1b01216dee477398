/**
 * The members coupons are issued to: one chip each (removable, unless the
 * dialog was opened for that one member) and a finder by phone or member code.
 */
import { Box, Button, Chip, TextField, Typography } from "@mui/material";
import { useState } from "react";
import { useTranslate } from "react-admin";
import { memberLookup } from "../dataProvider/resources";
import type { Document } from "../dataProvider/document";
import { useRequest } from "../dataProvider/useRequest";
import type {
  FindMemberByCodeQuery,
  FindMemberByCodeQueryVariables,
  FindMemberByPhoneQuery,
  FindMemberByPhoneQueryVariables,
} from "../generated/graphql";
import { errorMessage } from "../members/loyalty/api";

export interface IssueTarget {
  id: string;
  name: string;
  /** As the caller may see it (masked for some roles). */
  phone?: string;
}

const I = "resources.couponTemplates.issue";

const FIND_BY_PHONE: Document<FindMemberByPhoneQuery, FindMemberByPhoneQueryVariables> = /* GraphQL */ `
  query findMemberByPhone($value: String!) {
    found: memberByPhone(phone: $value) {
      id
      name
      phone
    }
  }
`;

const FIND_BY_CODE: Document<FindMemberByCodeQuery, FindMemberByCodeQueryVariables> = /* GraphQL */ `
  query findMemberByCode($value: String!) {
    found: memberByCode(code: $value) {
      id
      name
      phone
    }
  }
`;

/** The members chosen so far, and the finder to add more (up to 200). */
export function IssueMembers({
  members,
  given,
  busy,
  onChange,
}: {
  members: IssueTarget[];
  /** The members the dialog was opened with. */
  given: IssueTarget[] | undefined;
  busy: boolean;
  onChange: (next: IssueTarget[]) => void;
}) {
  const translate = useTranslate();
  return (
    <Box>
      <Typography variant="subtitle2" gutterBottom>
        {translate(`${I}.members`, { count: members.length })}
      </Typography>
      <Box sx={{ display: "flex", flexWrap: "wrap", gap: 1, mb: 1 }} data-testid="issue-members">
        {members.map((member) => (
          <Chip
            key={member.id}
            label={member.phone ? `${member.name} · ${member.phone}` : member.name}
            data-testid="issue-member"
            onDelete={
              busy || (given?.length === 1 && members.length === 1)
                ? undefined
                : () => onChange(members.filter((other) => other.id !== member.id))
            }
          />
        ))}
      </Box>
      {!(given?.length === 1) && members.length < 200 && (
        <MemberFinder
          onFound={(found) => !members.some((member) => member.id === found.id) && onChange([...members, found])}
        />
      )}
    </Box>
  );
}

/** Finds a member by full phone number or member code and adds them to the list. */
function MemberFinder({ onFound }: { onFound: (member: IssueTarget) => void }) {
  const translate = useTranslate();
  const request = useRequest();
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();

  const find = async () => {
    const value = text.trim();
    if (!value) return;
    setBusy(true);
    setProblem(undefined);
    try {
      const byPhone = memberLookup(value).query === "memberByPhone";
      const data = await request(byPhone ? FIND_BY_PHONE : FIND_BY_CODE, { value });
      if (data.found) {
        onFound(data.found);
        setText("");
      } else setProblem(translate(`${I}.not_found`, { value }));
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box
      component="form"
      sx={{ display: "flex", gap: 1, alignItems: "flex-start" }}
      onSubmit={(event) => {
        event.preventDefault();
        void find();
      }}
    >
      <TextField
        size="small"
        sx={{ flex: 1 }}
        label={translate(`${I}.find`)}
        value={text}
        onChange={(event) => setText(event.target.value)}
        error={Boolean(problem)}
        helperText={problem ?? translate(`${I}.find_hint`)}
        slotProps={{ htmlInput: { "data-testid": "issue-find", maxLength: 40 } }}
      />
      <Button type="submit" variant="outlined" disabled={busy || !text.trim()} data-testid="issue-find-add">
        {translate(`${I}.add`)}
      </Button>
    </Box>
  );
}
