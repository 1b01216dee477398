/** The billed parts of a campaign message for a member, worked out independently of the service: 70 a part, 67 when longer. */
export function parts(body: string, name: string): number {
  const text = `【茶香里】${body.replace("{name}", name)} 回复TD退订`;
  const length = [...text].length;
  return length <= 70 ? 1 : Math.ceil(length / 67);
}
