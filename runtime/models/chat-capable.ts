/**
 * Model ids that name something other than a chat model: embeddings, speech, transcription,
 * images, moderation, reranking. Lists from `/models` mix them in with chat models.
 */
const NOT_CHAT = /embed|whisper|(^|[^a-z])tts([^a-z]|$)|dall-e|(^|[^a-z])image([^a-z]|$)|stable-diffusion|sdxl|flux|moderation|rerank|transcribe|speech/i;

/** Whether a model id looks like a chat model (a guess from its name, for unlabelled lists). */
export function looksLikeChatModel(id: string): boolean {
  return !NOT_CHAT.test(id);
}
