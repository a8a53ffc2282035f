import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call } from '../../../api/client';
import { saveBlob } from '../../../ui/saveBlob';
import { queryKeys } from '../../../api/query-keys';
import { uploadAttachment, type CaseAttachment } from './upload';

/** The list with the file names (an audited read). */
export function useAttachments(caseId: string) {
  return useQuery({
    queryKey: queryKeys.cases.attachments(caseId),
    queryFn: () =>
      call(api.GET('/api/v1/cases/{id}/attachments', { params: { path: { id: caseId } } })),
    staleTime: 60_000,
  });
}

export function useUploadAttachment(caseId: string) {
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<number | null>(null);
  const mutation = useMutation({
    mutationFn: (file: File) => {
      setProgress(0);
      return uploadAttachment(caseId, file, setProgress);
    },
    onSettled: () => setProgress(null),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: queryKeys.cases.attachments(caseId) }),
  });
  return { ...mutation, progress };
}

/**
 * Saves one file: its content arrives as a blob, is offered under its name
 * through a blob: address (which names nothing), and the address is revoked.
 */
export function useDownloadAttachment(caseId: string) {
  return useMutation({
    mutationFn: async (attachment: CaseAttachment) => {
      const blob = await call(
        api.GET('/api/v1/cases/{id}/attachments/{attachmentId}', {
          params: { path: { id: caseId, attachmentId: attachment.id } },
          parseAs: 'blob',
        }),
      );
      saveBlob(blob, downloadName(attachment));
    },
  });
}

const EXTENSIONS: Record<string, string> = {
  'application/pdf': '.pdf',
  'image/png': '.png',
  'image/jpeg': '.jpg',
};

/**
 * The name a download is saved under: the stored name without format
 * characters (a right-to-left override can disguise an extension) and always
 * ending in the extension of the type the server checked.
 */
export function downloadName(attachment: CaseAttachment): string {
  const extension = EXTENSIONS[attachment.contentType] ?? '.bin';
  const base = attachment.filename.replace(/\p{Cf}/gu, '').replace(/\.[^.]*$/, '') || 'archivo';
  return `${base}${extension}`;
}
