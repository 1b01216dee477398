/** The merchant's tags with member counts (memberTags), shared by the list filter and the member page. */
import { useQuery } from "@tanstack/react-query";
import { useRequest } from "../dataProvider/useRequest";

export interface TagCount {
  name: string;
  count: number;
}

export function useMemberTags() {
  const request = useRequest();
  return useQuery({
    queryKey: ["members", "memberTags"],
    queryFn: async () =>
      (await request<{ memberTags: TagCount[] }>("query memberTags { memberTags { name count } }")).memberTags,
  });
}
