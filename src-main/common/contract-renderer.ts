/**
 * The renderer's side of the contract: the same requests as contract.ts, except that no request
 * can name a file-system path. Files and folders reach the core as grants: opaque ids that the
 * Electron shell issues for what a person chose in a native dialog, and that the browser-mode
 * bridge issues for folders named on its command line. Everything else travels as bytes: pasted,
 * dropped and uploaded files as text, exports returned as text for a download.
 *
 * Both renderer-facing transports (Electron IPC, the local bridge) validate with
 * parseRendererRequest, so a `path`, `dataDir` or `kind: "file"` is refused at the schema before
 * any handler runs. The CLI keeps the path-taking schemas of contract.ts.
 */
import { z } from 'zod';
import { badRequest, requestSchemas, type EventListener, type RequestResults, type SameNames, type Unsubscribe } from './contract.ts';
import { textImportSourceSchema } from './contract-import.ts';
import { importIdSchema as importId, paperIdSchema as paperId } from './contract-fields.ts';
import { FacetError } from './errors.ts';
import { EXPORT_FORMATS, type DialogName, type EventName, type ExportFormat, type RendererRequestName } from './vocabulary.ts';

export { DIALOG_NAMES, RENDERER_REQUEST_NAMES, type DialogName, type RendererRequestName } from './vocabulary.ts';

/** 32 random bytes in base64url: what GrantRegistry issues. */
export const GRANT_ID_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const grantId = z.string().regex(GRANT_ID_PATTERN, 'must be a grant id the app issued (files are named by grant, never by path)');

export const GRANT_KINDS = ['file', 'folder'] as const;
export type GrantKind = (typeof GRANT_KINDS)[number];
export const GRANT_ACCESS = ['read', 'write'] as const;
export type GrantAccess = (typeof GRANT_ACCESS)[number];

/** What the renderer holds for a file or folder it was given: the id and something to show. */
export interface FileGrant {
  grant: string;
  /** For display only: the chosen file's or folder's path as the person picked it. */
  name: string;
  kind: GrantKind;
  access: GrantAccess;
}

/** One thing to import: a file the person chose (grant for reading one file), or text carried in the request. */
export const rendererImportSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('grant'), grant: grantId }),
  textImportSourceSchema.strict(),
]);
export type RendererImportSource = z.infer<typeof rendererImportSourceSchema>;

/** A local library to import: folders by grant (reading a folder), identifier lists as text. */
export const rendererLibrarySourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('pdf-folder'), grant: grantId }),
  z.strictObject({ kind: z.literal('zotero'), grant: grantId, full: z.boolean().default(false) }),
  z.strictObject({ kind: z.literal('identifiers'), name: z.string().min(1).max(512), text: z.string().max(64 * 1024 * 1024) }),
]);
export type RendererLibrarySource = z.input<typeof rendererLibrarySourceSchema>;

// The core's export options, every one but the path (the renderer names a file only by grant).
const { path: _path, ...exportShapeWithoutPath } = requestSchemas['export.run'].shape;

export const rendererRequestSchemas = {
  ...requestSchemas,
  'import.run': z.strictObject({ sources: z.array(rendererImportSourceSchema).min(1).max(10_000) }),
  /** Returns the text (browser mode downloads it), or writes the file of a save-dialog grant (grant for writing one file). */
  'export.run': z.strictObject({ ...exportShapeWithoutPath, saveTo: z.strictObject({ grant: grantId }).optional() }),
  'library.import': z.strictObject({ source: rendererLibrarySourceSchema, importId: importId.optional() }),
  /** The grants this transport holds for the page: in browser mode, the folders the server was started with. */
  'grants.list': z.object({}).default({}),
  /** Opens the PDF of a paper imported from a PDF folder in the system's PDF viewer (never in the app window). */
  'papers.openFile': z.strictObject({ id: paperId }),
} as const satisfies Record<RendererRequestName, z.ZodType>;

const schemasNameEveryRendererRequest: SameNames<keyof typeof rendererRequestSchemas, RendererRequestName> = true;
void schemasNameEveryRendererRequest;

export type RendererRequestArgs<N extends RendererRequestName> = z.input<(typeof rendererRequestSchemas)[N]>;
export type RendererParsedArgs<N extends RendererRequestName> = z.output<(typeof rendererRequestSchemas)[N]>;

export interface RendererRequestResults extends RequestResults {
  'grants.list': FileGrant[];
  /** The file handed to the system viewer. */
  'papers.openFile': { opened: string };
}

/** What the renderer may call over either transport, one function per request. */
export type RendererApi = {
  [N in RendererRequestName]: (args: RendererRequestArgs<N>) => Promise<RendererRequestResults[N]>;
};

/** The handler map behind both renderer-facing transports: validated renderer arguments in, results out. */
export type RendererHandlers = {
  [N in RendererRequestName]: (args: RendererParsedArgs<N>) => Promise<RendererRequestResults[N]>;
};

/**
 * Native dialogs of the desktop app (Electron only; browser mode has none). Each resolves with
 * grants for what the person chose, or nothing when they cancelled.
 */
export interface DialogArgs {
  /** Files to import (grants for reading each). */
  'dialog.importFiles': Record<string, never>;
  /** A PDF folder or a Zotero data folder (a grant for reading the folder). */
  'dialog.folder': { purpose: 'pdf-folder' | 'zotero' };
  /** Where to save an export (a grant for writing one file). `fileName` is the suggested name. */
  'dialog.saveExport': { format: ExportFormat; fileName: string };
}

export interface DialogResults {
  'dialog.importFiles': { grants: FileGrant[]; rejected: { path: string; reason: string }[] };
  'dialog.folder': FileGrant | null;
  'dialog.saveExport': FileGrant | null;
}

const argsNameEveryDialog: SameNames<keyof DialogArgs, DialogName> = true;
void argsNameEveryDialog;

export type DialogApi = {
  [N in DialogName]: (args: DialogArgs[N]) => Promise<DialogResults[N]>;
};

/** What the Electron preload puts on window.facet. */
export type PreloadFacetApi = RendererApi &
  DialogApi & {
    on<E extends EventName>(event: E, listener: EventListener<E>): Unsubscribe;
  };

export const dialogArgSchemas = {
  'dialog.importFiles': z.object({}).default({}),
  'dialog.folder': z.strictObject({ purpose: z.enum(['pdf-folder', 'zotero']) }),
  'dialog.saveExport': z.strictObject({ format: z.enum(EXPORT_FORMATS), fileName: z.string().min(1).max(255) }),
} as const satisfies Record<DialogName, z.ZodType>;

export function isRendererRequestName(name: unknown): name is RendererRequestName {
  return typeof name === 'string' && Object.hasOwn(rendererRequestSchemas, name);
}

/**
 * Validates one renderer request at a transport boundary. Unknown names, paths and any other bad
 * argument become a BAD_REQUEST FacetError naming the request and the field.
 */
export function parseRendererRequest<N extends RendererRequestName>(name: N, args: unknown): RendererParsedArgs<N>;
export function parseRendererRequest(name: unknown, args: unknown): RendererParsedArgs<RendererRequestName>;
export function parseRendererRequest(name: unknown, args: unknown): RendererParsedArgs<RendererRequestName> {
  if (!isRendererRequestName(name)) throw new FacetError('BAD_REQUEST', `unknown request ${JSON.stringify(name)}`);
  const result = rendererRequestSchemas[name].safeParse(args ?? {});
  if (!result.success) throw badRequest(name, result.error);
  return result.data;
}

export function parseDialogArgs<N extends DialogName>(name: N, args: unknown): DialogArgs[N] {
  const result = dialogArgSchemas[name].safeParse(args ?? {});
  if (!result.success) throw badRequest(name, result.error);
  return result.data as DialogArgs[N];
}
