import { describe, expect, it } from 'vitest';
import { buildMenuTemplate, flattenMenu } from '../../../src-main/shell/menu.ts';
import type { MenuActions, MenuItemTemplate } from '../../../src-main/shell/menu.ts';

function recordingActions() {
  const calls: string[] = [];
  const actions: MenuActions = {
    importFiles: () => calls.push('importFiles'),
    find: () => calls.push('find'),
    chooseDataDir: () => calls.push('chooseDataDir'),
    showDataDir: () => calls.push('showDataDir'),
    showAbout: () => calls.push('showAbout'),
  };
  return { calls, actions };
}

const byId = (items: MenuItemTemplate[], id: string) => flattenMenu(items).find((item) => item.id === id);
const roles = (items: MenuItemTemplate[]) => flattenMenu(items).flatMap((item) => (item.role ? [item.role] : []));

describe('menu template', () => {
  for (const platform of ['linux', 'win32', 'darwin'] as const) {
    describe(platform, () => {
      const { calls, actions } = recordingActions();
      const template = buildMenuTemplate({ platform, appName: 'Facet', isDevelopment: false, actions });

      it('has Import… on CmdOrCtrl+O, Find on CmdOrCtrl+F and Quit on CmdOrCtrl+Q', () => {
        expect(byId(template, 'import')).toMatchObject({ label: 'Import…', accelerator: 'CmdOrCtrl+O' });
        expect(byId(template, 'find')).toMatchObject({ label: 'Find', accelerator: 'CmdOrCtrl+F' });
        expect(byId(template, 'quit')).toMatchObject({ role: 'quit', accelerator: 'CmdOrCtrl+Q' });
      });

      it('uses the standard edit, view and window roles', () => {
        expect(roles(template)).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen', 'minimize', 'window', 'help']));
      });

      it('wires Facet\'s own items to their actions', () => {
        calls.length = 0;
        for (const id of ['import', 'find', 'data-dir', 'show-data-dir']) byId(template, id)!.click!();
        (byId(template, 'about') ?? byId(template, 'model-card'))!.click!();
        expect(calls).toEqual(['importFiles', 'find', 'chooseDataDir', 'showDataDir', 'showAbout']);
      });

      it('has no developer items in a packaged build', () => {
        expect(roles(template)).not.toContain('toggleDevTools');
        expect(roles(template)).not.toContain('reload');
      });

      it('gives every top-level menu a label and every item either a role, a type or a label', () => {
        for (const menu of template) expect(menu.label, JSON.stringify(menu)).toBeTruthy();
        for (const item of flattenMenu(template)) expect(item.role ?? item.type ?? item.label, JSON.stringify(item)).toBeTruthy();
      });
    });
  }

  it('puts About and Quit in the application menu on macOS, under the app name', () => {
    const template = buildMenuTemplate({ platform: 'darwin', appName: 'Facet', isDevelopment: false, actions: recordingActions().actions });
    expect(template.map((menu) => menu.label)).toEqual(['Facet', 'File', 'Edit', 'View', 'Window', 'Help']);
    const appMenu = template[0]!.submenu!;
    expect(appMenu.map((item) => item.id ?? item.role ?? item.type)).toEqual(['about', 'separator', 'services', 'separator', 'hide', 'hideOthers', 'unhide', 'separator', 'quit']);
    expect(flattenMenu(template[1]!.submenu!).map((item) => item.role)).toContain('close');
  });

  it('uses mnemonics and a Help ▸ About item on Linux and Windows', () => {
    const template = buildMenuTemplate({ platform: 'linux', appName: 'Facet', isDevelopment: false, actions: recordingActions().actions });
    expect(template.map((menu) => menu.label)).toEqual(['&File', '&Edit', '&View', '&Window', '&Help']);
    expect(template[4]!.submenu!.map((item) => item.id)).toEqual(['about']);
  });

  it('adds Reload and DevTools when developing', () => {
    const template = buildMenuTemplate({ platform: 'linux', appName: 'Facet', isDevelopment: true, actions: recordingActions().actions });
    expect(roles(template)).toEqual(expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']));
  });
});
