import express from 'express';
import { actorOf, type AccessControl } from '../auth';
import { problems } from '../../http/problem';
import { createRouter } from '../../http/router';
import { validate } from '../../http/validate';
import {
  AssignCase,
  AttachmentHeaders,
  AttachmentParams,
  BreakGlassRequest,
  CaseIdParams,
  CaseListQuery,
  CaseNoteListQuery,
  DecideAgeCorrection,
  EraseCase,
  IntakeCase,
  NewCaseNote,
  RequestAgeCorrection,
  UpdateCase,
} from './cases.schemas';
import { decideAgeCorrection, requestAgeCorrection } from './case-age-correction';
import { addNote, readNotes } from './case-notes';
import {
  addAttachment,
  ATTACHMENT_TYPES,
  MAX_ATTACHMENT_BYTES,
  readAttachment,
  readAttachmentList,
} from './case-attachments';
import { breakGlass } from './case-break-glass';
import { eraseCase, type ErasureEffects } from './case-erasure';
import { assignCase, updateCase } from './case-changes';
import { findCases, intakeCase, readCase, type CasesDeps } from './cases.service';

export function casesRoutes(deps: CasesDeps & { access: AccessControl; onErased: ErasureEffects }) {
  const router = createRouter();
  const caseRoles = deps.access.requireRole('caseworker', 'supervisor');

  router.get('/', ...caseRoles, validate({ query: CaseListQuery }), async (req, res) => {
    res.json(await findCases(deps, actorOf(req), req.query as unknown as CaseListQuery));
  });

  router.post('/', ...caseRoles, validate({ body: IntakeCase }), async (req, res) => {
    res.status(201).json(await intakeCase(deps, actorOf(req), req.body as IntakeCase));
  });

  router.get('/:id', ...caseRoles, validate({ params: CaseIdParams }), async (req, res) => {
    res.json(await readCase(deps, actorOf(req), req.params.id as string));
  });

  router.patch(
    '/:id',
    ...caseRoles,
    validate({ params: CaseIdParams, body: UpdateCase }),
    async (req, res) => {
      res.json(
        await updateCase(deps, actorOf(req), req.params.id as string, req.body as UpdateCase),
      );
    },
  );

  router.post(
    '/:id/assign',
    ...deps.access.requireRole('supervisor'),
    validate({ params: CaseIdParams, body: AssignCase }),
    async (req, res) => {
      res.json(
        await assignCase(deps, actorOf(req), req.params.id as string, req.body as AssignCase),
      );
    },
  );

  router.post(
    '/:id/age-correction',
    ...caseRoles,
    validate({ params: CaseIdParams, body: RequestAgeCorrection }),
    async (req, res) => {
      const input = req.body as RequestAgeCorrection;
      res.json(await requestAgeCorrection(deps, actorOf(req), req.params.id as string, input));
    },
  );

  router.post(
    '/:id/age-correction/decision',
    ...deps.access.requireRole('supervisor'),
    validate({ params: CaseIdParams, body: DecideAgeCorrection }),
    async (req, res) => {
      const input = req.body as DecideAgeCorrection;
      res.json(await decideAgeCorrection(deps, actorOf(req), req.params.id as string, input));
    },
  );

  router.post(
    '/:id/erase',
    ...deps.access.requireRole('supervisor'),
    deps.access.requireStepUp,
    validate({ params: CaseIdParams, body: EraseCase }),
    async (req, res) => {
      res.json(await eraseCase(deps, actorOf(req), req.params.id as string, req.body as EraseCase));
    },
  );

  router.get(
    '/:id/notes',
    ...caseRoles,
    validate({ params: CaseIdParams, query: CaseNoteListQuery }),
    async (req, res) => {
      const query = req.query as unknown as CaseNoteListQuery;
      res.json(await readNotes(deps, actorOf(req), req.params.id as string, query));
    },
  );

  router.post(
    '/:id/notes',
    ...caseRoles,
    validate({ params: CaseIdParams, body: NewCaseNote }),
    async (req, res) => {
      const { body } = req.body as NewCaseNote;
      res.status(201).json(await addNote(deps, actorOf(req), req.params.id as string, body));
    },
  );

  router.post(
    '/:id/break-glass',
    ...caseRoles,
    deps.access.requireStepUp,
    validate({ params: CaseIdParams, body: BreakGlassRequest }),
    async (req, res) => {
      const { justification } = req.body as BreakGlassRequest;
      const grant = await breakGlass(deps, actorOf(req), req.params.id as string, justification);
      res.status(201).json(grant);
    },
  );

  router.post(
    '/:id/attachments',
    ...caseRoles,
    ...deps.access.readBodySlowly(
      express.raw({ type: ATTACHMENT_TYPES, limit: MAX_ATTACHMENT_BYTES }),
    ),
    validate({ params: CaseIdParams }),
    async (req, res) => {
      const headers = AttachmentHeaders.safeParse(req.headers);
      if (!headers.success) {
        throw problems.validation(
          headers.error.issues.map((issue) => ({
            path: ['headers', ...issue.path.map(String)].join('.'),
            code: issue.code,
            message: issue.message,
          })),
        );
      }
      const content = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const attachment = await addAttachment(deps, actorOf(req), req.params.id as string, {
        contentType: headers.data['content-type'],
        filename: headers.data['x-attachment-name'],
        content,
      });
      res.status(201).json(attachment);
    },
  );

  router.get(
    '/:id/attachments',
    ...caseRoles,
    validate({ params: CaseIdParams }),
    async (req, res) => {
      res.json({ items: await readAttachmentList(deps, actorOf(req), req.params.id as string) });
    },
  );

  router.get(
    '/:id/attachments/:attachmentId',
    ...caseRoles,
    validate({ params: AttachmentParams }),
    async (req, res) => {
      const { id, attachmentId } = req.params as { id: string; attachmentId: string };
      const file = await readAttachment(deps, actorOf(req), id, attachmentId);
      res.set('Content-Disposition', 'attachment').type(file.contentType).send(file.content);
    },
  );

  return router;
}
