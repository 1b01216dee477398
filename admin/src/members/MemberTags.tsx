/** The member's tags: deletable chips, and a text input to add one. */
import { Box, Button as MuiButton, Chip, TextField as MuiTextField, Typography } from "@mui/material";
import { useState } from "react";
import { useNotify, useRecordContext, useRefresh, useTranslate } from "react-admin";
import type { Document } from "../dataProvider/document";
import { useRequest } from "../dataProvider/useRequest";
import type {
  AddMemberTagsMutation,
  AddMemberTagsMutationVariables,
  RemoveMemberTagsMutation,
  RemoveMemberTagsMutationVariables,
} from "../generated/graphql";
import type { MemberRecord } from "./fields";
import { errorMessage } from "./loyalty/api";

const ADD_TAGS: Document<AddMemberTagsMutation, AddMemberTagsMutationVariables> = /* GraphQL */ `
  mutation addMemberTags($id: ID!, $tags: [String!]!) {
    addMemberTags(id: $id, tags: $tags) {
      id
      tags
      version
    }
  }
`;

const REMOVE_TAGS: Document<RemoveMemberTagsMutation, RemoveMemberTagsMutationVariables> = /* GraphQL */ `
  mutation removeMemberTags($id: ID!, $tags: [String!]!) {
    removeMemberTags(id: $id, tags: $tags) {
      id
      tags
      version
    }
  }
`;

/** Tags as deletable chips, and a text input to add one. */
export function MemberTags() {
  const record = useRecordContext<MemberRecord>();
  const request = useRequest();
  const refresh = useRefresh();
  const notify = useNotify();
  const translate = useTranslate();
  const [tag, setTag] = useState("");
  const [busy, setBusy] = useState(false);
  if (!record) return null;

  const change = async (mutation: "addMemberTags" | "removeMemberTags", tags: string[]) => {
    setBusy(true);
    try {
      if (mutation === "addMemberTags") await request(ADD_TAGS, { id: record.id, tags });
      else await request(REMOVE_TAGS, { id: record.id, tags });
      notify(mutation === "addMemberTags" ? "resources.members.tags.added" : "resources.members.tags.removed", {
        type: "success",
      });
      if (mutation === "addMemberTags") setTag("");
      refresh();
    } catch (error) {
      notify(errorMessage(error), { type: "error" });
    } finally {
      setBusy(false);
    }
  };

  const tags = record.tags ?? [];
  return (
    <Box data-testid="member-tag-editor">
      <TagChips tags={tags} onDelete={busy ? undefined : (name) => change("removeMemberTags", [name])} />
      <Box
        component="form"
        sx={{ display: "flex", gap: 1, alignItems: "center" }}
        onSubmit={(event) => {
          event.preventDefault();
          if (tag.trim()) void change("addMemberTags", [tag.trim()]);
        }}
      >
        <MuiTextField
          size="small"
          label={translate("resources.members.tags.new")}
          value={tag}
          onChange={(event) => setTag(event.target.value)}
          slotProps={{ htmlInput: { "data-testid": "new-tag", maxLength: 40 } }}
        />
        <MuiButton type="submit" variant="outlined" disabled={busy || !tag.trim()}>
          {translate("resources.members.tags.add")}
        </MuiButton>
      </Box>
    </Box>
  );
}

/** The member's tags as chips, deletable unless a change is under way (or "none"). */
function TagChips({ tags, onDelete }: { tags: string[]; onDelete: ((name: string) => void) | undefined }) {
  const translate = useTranslate();
  return (
    <Box sx={{ display: "flex", flexWrap: "wrap", gap: 1, mb: 2 }}>
      {tags.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          {translate("resources.members.tags.none")}
        </Typography>
      )}
      {tags.map((name) => (
        <Chip key={name} label={name} data-testid="member-tag" onDelete={onDelete && (() => onDelete(name))} />
      ))}
    </Box>
  );
}
