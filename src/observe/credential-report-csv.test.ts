import { describe, expect, it } from 'vitest';
import { parseCredentialReport, parseCsv } from './credential-report-csv.js';

const HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';

describe('parseCsv', () => {
  it('handles quotes, doubled quotes, commas and CRLF', () => {
    expect(parseCsv('a,"b,c","d ""e"""\r\n1,2,3\n')).toEqual([
      ['a', 'b,c', 'd "e"'],
      ['1', '2', '3'],
    ]);
  });
});

describe('parseCredentialReport', () => {
  it('reads the root row and user rows with booleans, not_supported and ISO times', () => {
    const csv = [
      HEADER,
      '<root_account>,arn:aws:iam::111111111111:root,2026-01-02T03:04:05+00:00,not_supported,2026-11-01T10:00:00+00:00,not_supported,not_supported,false,true,2026-01-03T00:00:00+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A',
      '"ad,min","arn:aws:iam::111111111111:user/ad,min",2026-02-01T00:00:00+00:00,TRUE,no_information,2026-02-01T00:00:00+00:00,N/A,FALSE,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A',
    ].join('\n');
    const [root, user] = parseCredentialReport(csv);
    expect(root).toEqual({
      user: '<root_account>',
      arn: 'arn:aws:iam::111111111111:root',
      userCreationTime: '2026-01-02T03:04:05.000Z',
      passwordEnabled: 'not_supported',
      passwordLastUsed: '2026-11-01T10:00:00.000Z',
      mfaActive: false,
      accessKey1Active: true,
      accessKey1LastRotated: '2026-01-03T00:00:00.000Z',
      accessKey2Active: false,
      cert1Active: false,
      cert2Active: false,
    });
    expect(user).toMatchObject({ user: 'ad,min', passwordEnabled: true, mfaActive: false });
    expect(user).not.toHaveProperty('passwordLastUsed');
  });

  it('is empty for an empty report', () => {
    expect(parseCredentialReport('')).toEqual([]);
    expect(parseCredentialReport(`${HEADER}\n`)).toEqual([]);
  });
});
