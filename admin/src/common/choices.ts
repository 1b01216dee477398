/** Select choices whose labels are translation keys (react-admin translates them). */

export const choicesFor = <T extends string>(prefix: string, values: readonly T[]) =>
  values.map((id) => ({ id, name: `${prefix}.${id}` }));
