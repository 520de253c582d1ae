import { CatalystError } from '../errors';

// Years and months have no fixed length, so a timeout cannot be one of them.
const ISO_DURATION = /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

const MS = { week: 604_800_000, day: 86_400_000, hour: 3_600_000, minute: 60_000, second: 1000 };

/**
 * Milliseconds of an ISO-8601 duration such as `PT60S`, `PT1M30S`, `PT0.5S` or `P0DT1H`.
 *
 * @throws CatalystError `DURATION_INVALID` for anything else (`60`, `PT`, `-PT1S`, `P1Y`).
 */
export function parseIsoDuration(text: string): number {
  const trimmed = text.trim();
  const match = ISO_DURATION.exec(trimmed);

  if (!match || trimmed === 'P' || trimmed.endsWith('T')) {
    throw new CatalystError('DURATION_INVALID', `"${text}" is not an ISO-8601 duration; write it like PT60S, PT1M30S or PT0.5S`);
  }

  const [ , weeks, days, hours, minutes, seconds ] = match.map(part => (part === undefined ? 0 : Number(part)));

  return Math.round(weeks * MS.week + days * MS.day + hours * MS.hour + minutes * MS.minute + seconds * MS.second);
}

/** The shortest ISO-8601 duration for `ms` (hours, minutes, seconds): 90 000 → `PT1M30S`. */
export function formatIsoDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) {
    throw new CatalystError('DURATION_INVALID', `${ms} ms cannot be written as a duration`);
  }

  const hours = Math.floor(ms / MS.hour);
  const minutes = Math.floor((ms % MS.hour) / MS.minute);
  const seconds = (ms % MS.minute) / MS.second;

  const parts = [
    hours ? `${hours}H` : '',
    minutes ? `${minutes}M` : '',
    seconds || (!hours && !minutes) ? `${Number(seconds.toFixed(3))}S` : ''
  ];

  return 'PT' + parts.join('');
}
