import { HsdsImportReport, type Locale } from '@relais/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { resourcesQueryKey } from './due-list';

export interface ImportInput {
  document: unknown;
  lang: Locale;
  dryRun: boolean;
}

/** A rejected file answers 400 with one field per rejected record (JSON path and reason). */
export const importHsds = ({ document, lang, dryRun }: ImportInput) =>
  api.post('/api/hsds/import', HsdsImportReport, document, {
    query: { lang, dry_run: dryRun ? 'true' : undefined },
  });

export function useImportHsds() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: importHsds,
    onSuccess: (report) => {
      if (report.committed) void queryClient.invalidateQueries({ queryKey: resourcesQueryKey });
    },
  });
}
