import ExcelJS from 'exceljs';

/** A lead file of `rows` distinct leads, written with exceljs's streaming writer. */
export async function writeLeadsXlsx(path: string, rows: number): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet('Leads');
  sheet.addRow(['Full Name', 'Email', 'Phone', 'Company', 'Job Title', 'Website']).commit();
  for (let i = 0; i < rows; i += 1) {
    sheet
      .addRow([
        `lead person ${i}`,
        i % 10 === 0 ? `person${i}@gmail.com` : `person${i}@company${i % 500}.com`,
        `+1 415 555 ${String(1000 + (i % 9000)).padStart(4, '0')}`,
        `Company ${i % 500}`,
        i % 3 === 0 ? 'VP Sales' : 'Analyst',
        `www.company${i % 500}.com`,
      ])
      .commit();
  }
  sheet.commit();
  await workbook.commit();
}

/** The baseline: exceljs's streaming reader alone, reading every row of the first sheet. */
export async function readAllRows(path: string): Promise<number> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  let rows = 0;
  for await (const sheet of reader) {
    for await (const row of sheet) rows += row.number > 0 ? 1 : 0;
    break;
  }
  return rows;
}
