/** Check the member in for today (the merchant's local date); a second tap the same day adds nothing. */
import EventAvailableIcon from "@mui/icons-material/EventAvailable";
import { useRef, useState } from "react";
import { useNotify, useRefresh, useTranslate } from "react-admin";
import { LabelledButton } from "../../common/smallScreen";
import type { Document } from "../../dataProvider/document";
import { useRequest } from "../../dataProvider/useRequest";
import type { CheckInMutation, CheckInMutationVariables } from "../../generated/graphql";
import { errorMessage } from "./api";

const CHECK_IN: Document<CheckInMutation, CheckInMutationVariables> = /* GraphQL */ `
  mutation checkIn($memberId: ID!) {
    checkIn(memberId: $memberId) {
      date
      streak
      points
      bonus
      created
      account {
        memberId
        available
      }
    }
  }
`;

export function CheckInButton({ memberId }: { memberId: string }) {
  const request = useRequest();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);

  const checkIn = async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    try {
      const { checkIn: result } = await request(CHECK_IN, { memberId });
      const key = "resources.members.loyalty.checkin";
      const message = result.created
        ? translate(`${key}.done`, { streak: result.streak, points: result.points }) +
          (result.bonus ? translate(`${key}.bonus`, { bonus: result.bonus }) : "")
        : translate(`${key}.already`, { streak: result.streak });
      notify(message, { type: result.created ? "success" : "info" });
      refresh();
    } catch (error) {
      notify(errorMessage(error), { type: "error" });
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  return (
    <LabelledButton
      label="resources.members.loyalty.actions.check_in"
      icon={<EventAvailableIcon />}
      onClick={() => void checkIn()}
      disabled={busy}
      data-testid="check-in"
    />
  );
}
