/** The segment's create and edit pages: saved with saveSegment, the filter whole. */
import { LinearProgress } from "@mui/material";
import { useQueryClient } from "@tanstack/react-query";
import { Create, Edit, useNotify, useRecordContext, useRedirect } from "react-admin";
import { refusal } from "../dataProvider/errors";
import type { Document } from "../dataProvider/document";
import { useRequest } from "../dataProvider/useRequest";
import type { SaveSegmentMutation, SaveSegmentMutationVariables } from "../generated/graphql";
import { segmentField, segmentFormValues, segmentInput, type SegmentFormValues, type SegmentRecord } from "./fields";
import { SegmentForm } from "./SegmentForm";

const SAVE_SEGMENT: Document<SaveSegmentMutation, SaveSegmentMutationVariables> = /* GraphQL */ `
  mutation saveSegment($id: ID, $input: SegmentInput!) {
    saveSegment(id: $id, input: $input) {
      id
    }
  }
`;

/** Save a new (no id) or stored segment; refused input comes back as the form's errors. */
function useSaveSegment(id?: string) {
  const request = useRequest();
  const notify = useNotify();
  const redirect = useRedirect();
  const queryClient = useQueryClient();
  return async (values: Record<string, unknown>) => {
    try {
      await request(SAVE_SEGMENT, { id, input: segmentInput(values as SegmentFormValues) });
      await queryClient.invalidateQueries({ queryKey: ["segments"] });
      notify("resources.segments.saved", { type: "success" });
      redirect("list", "segments");
      return undefined;
    } catch (error) {
      return refusal(error, notify, segmentField);
    }
  };
}

export function SegmentCreate() {
  const save = useSaveSegment();
  return (
    <Create>
      <SegmentForm record={segmentFormValues()} onSubmit={save} />
    </Create>
  );
}

function SegmentEditForm() {
  const record = useRecordContext<SegmentRecord>();
  const save = useSaveSegment(record?.id);
  if (!record) return <LinearProgress />;
  return <SegmentForm record={segmentFormValues(record)} onSubmit={save} />;
}

export function SegmentEdit() {
  return (
    <Edit mutationMode="pessimistic">
      <SegmentEditForm />
    </Edit>
  );
}
