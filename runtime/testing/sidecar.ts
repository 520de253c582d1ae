/** The suffix of a diagram's test-cases file: `order.bpmn` → `order.catalyst-tests.json`. */
export const TEST_FILE_SUFFIX = '.catalyst-tests.json';

/** The suffix of a diagram's recordings file: `order.bpmn` → `order.catalyst-recordings.json`. */
const RECORDING_FILE_SUFFIX = '.catalyst-recordings.json';

const BPMN_EXTENSION = /\.bpmn$/i;

/** Whether a file name is a BPMN diagram's (`.bpmn`, any case). */
export function isDiagramFile(file: string): boolean {
  return BPMN_EXTENSION.test(file);
}

/** The test-cases file beside a diagram (same folder, `.bpmn` replaced). */
export function testFileFor(diagram: string): string {
  return diagram.replace(BPMN_EXTENSION, '') + TEST_FILE_SUFFIX;
}

/** The recordings file beside a diagram. */
export function recordingFileFor(diagram: string): string {
  return diagram.replace(BPMN_EXTENSION, '') + RECORDING_FILE_SUFFIX;
}
