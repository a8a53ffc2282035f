import { noteSessionAnswer } from '../../../api/client';
import { CSRF_HEADER, csrfToken, forgetCsrfToken } from '../../../api/csrf';
import { type ApiProblem, networkProblem, problemFrom } from '../../../api/problem';
import type { components } from '../../../api/schema';

export type CaseAttachment = components['schemas']['CaseAttachment'];
export type AttachmentType = CaseAttachment['contentType'];

/** The server's limit (server/modules/cases/case-attachments.ts) and the types it accepts. */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const ATTACHMENT_TYPES: readonly AttachmentType[] = [
  'application/pdf',
  'image/png',
  'image/jpeg',
];

export const isAttachmentType = (type: string): type is AttachmentType =>
  (ATTACHMENT_TYPES as readonly string[]).includes(type);

function send(
  caseId: string,
  file: File,
  token: string,
  onProgress: (percent: number) => void,
): Promise<{ status: number; body: unknown; headers: Headers }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/cases/${encodeURIComponent(caseId)}/attachments`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Content-Type', file.type);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader(CSRF_HEADER, token);
    // The name often names the person: percent-encoded in a header, never in the URL.
    xhr.setRequestHeader('X-Attachment-Name', encodeURIComponent(file.name));
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      const headers = new Headers();
      const retry = xhr.getResponseHeader('retry-after');
      if (retry) headers.set('retry-after', retry);
      resolve({ status: xhr.status, body, headers });
    };
    xhr.onerror = () => reject(networkProblem());
    xhr.onabort = () => reject(networkProblem());
    xhr.send(file);
  });
}

/**
 * Uploads one file with its progress (fetch cannot report upload progress).
 * A changed session's CSRF token is fetched again once, as the API client does.
 */
export async function uploadAttachment(
  caseId: string,
  file: File,
  onProgress: (percent: number) => void,
): Promise<CaseAttachment> {
  const codeOf = (body: unknown) => {
    const code = (body as { code?: unknown } | undefined)?.code;
    return typeof code === 'string' ? code : undefined;
  };
  let answer = await send(caseId, file, await csrfToken(), onProgress);
  if (answer.status === 403 && codeOf(answer.body) === 'csrf_failed') {
    forgetCsrfToken();
    onProgress(0);
    answer = await send(caseId, file, await csrfToken(), onProgress);
  }
  // Uploads go by XHR (for progress): the session learns of them as of any request.
  noteSessionAnswer(answer.status, codeOf(answer.body), `/api/v1/cases/${caseId}/attachments`);
  if (answer.status >= 200 && answer.status < 300) return answer.body as CaseAttachment;
  const response = new Response(null, { status: answer.status, headers: answer.headers });
  throw problemFrom(response, answer.body) satisfies ApiProblem;
}
