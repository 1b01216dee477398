/** “Load more” under a cursor-paged list: the next page is appended, not swapped in. */
import { Box, Button } from "@mui/material";
import { useTranslate } from "react-admin";

export function LoadMore({
  query,
}: {
  query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown };
}) {
  const translate = useTranslate();
  if (!query.hasNextPage) return null;
  return (
    <Box sx={{ display: "flex", justifyContent: "center", mt: 1 }}>
      <Button onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage} data-testid="load-more">
        {translate("resources.members.loyalty.actions.load_more")}
      </Button>
    </Box>
  );
}
