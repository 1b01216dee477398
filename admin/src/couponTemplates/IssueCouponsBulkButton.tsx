/** The member list's bulk action: issue a coupon to the selected members (owners and managers). */
import SendIcon from "@mui/icons-material/Send";
import { Suspense, useRef, useState } from "react";
import { Button, useGetMany, useListContext } from "react-admin";
import { lazyNamed } from "../common/lazyNamed";

// The dialog (templates, audiences, results) loads when first opened: the member list is a clerk's first screen.
const IssueCouponsDialog = lazyNamed(() => import("./IssueCouponsDialog"), "IssueCouponsDialog");

export function IssueCouponsBulkButton() {
  const { selectedIds, onUnselectItems } = useListContext();
  const [open, setOpen] = useState(false);
  const issued = useRef(false);
  // Selections may span pages: read the names of all of them.
  const { data: members, isPending } = useGetMany<{ id: string; name: string; phone: string }>(
    "members",
    { ids: selectedIds },
    { enabled: open },
  );
  return (
    <>
      <Button
        label="resources.couponTemplates.actions.issue"
        onClick={() => setOpen(true)}
        disabled={selectedIds.length === 0 || selectedIds.length > 200}
        data-testid="members-issue"
      >
        <SendIcon />
      </Button>
      {open && !isPending && (
        <Suspense>
          <IssueCouponsDialog
            members={(members ?? []).map((member) => ({ id: member.id, name: member.name, phone: member.phone }))}
            onClose={() => {
              setOpen(false);
              // Clearing the selection removes this toolbar, so it waits until the results were seen.
              if (issued.current) onUnselectItems();
              issued.current = false;
            }}
            onIssued={() => (issued.current = true)}
          />
        </Suspense>
      )}
    </>
  );
}
