/** @jsxImportSource @bpmn-io/properties-panel/preact */

/**
 * A message with `code` spans written in backticks (the runtime's and the bridge's
 * messages name variables and settings that way): shown as <code>, the backticks gone.
 */
export function RichText({ text }: { text: string }) {
  const parts = text.split(/`([^`\n]+)`/);

  return <>{ parts.map((part, index) => (index % 2 ? <code key={ index }>{ part }</code> : part)) }</>;
}
