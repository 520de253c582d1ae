/** Where a chat-completions answer keeps its text: the path `#` steps continue from. */
export const ANSWER_CONTENT_PATH = 'choices[0].message.content';
