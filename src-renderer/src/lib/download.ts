/** Saves text the core returned (an export) through the browser's download: a Blob and a temporary link. */
import type { ExportFormat } from '../../../src-main/common/contract.ts';

const MIME_TYPES: Record<ExportFormat, string> = {
  bibtex: 'application/x-bibtex;charset=utf-8',
  'csl-json': 'application/vnd.citationstyles.csl+json;charset=utf-8',
  ris: 'application/x-research-info-systems;charset=utf-8',
  markdown: 'text/markdown;charset=utf-8',
};

const EXTENSIONS: Record<ExportFormat, string> = { bibtex: 'bib', 'csl-json': 'json', ris: 'ris', markdown: 'md' };

/** The name a save dialog starts with (the core names browser downloads itself). */
export function suggestedExportName(selection: 'reading' | 'ids', format: ExportFormat): string {
  return `${selection === 'reading' ? 'facet-reading-list' : 'facet-papers'}.${EXTENSIONS[format]}`;
}

export function downloadText(text: string, fileName: string, format: ExportFormat): void {
  const url = URL.createObjectURL(new Blob([text], { type: MIME_TYPES[format] }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken its copy once click() returns; the URL only has to outlive this task.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
