/** An active / paused status as a chip (green when active), labelled from `{resource}.status.{status}`. */
import { Chip } from "@mui/material";
import { CreateButton, TopToolbar, useTranslate } from "react-admin";

export function StatusChip({ labels, status }: { labels: string; status: "active" | "paused" }) {
  const translate = useTranslate();
  return (
    <Chip size="small" color={status === "active" ? "success" : "default"} label={translate(`${labels}.${status}`)} />
  );
}

/** A list's actions when the list offers only "create". */
export function CreateOnlyActions() {
  return (
    <TopToolbar>
      <CreateButton />
    </TopToolbar>
  );
}
