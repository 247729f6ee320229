import { findingsFor, listed } from './finding.js';
import { mailDomainIssue } from './hosts.js';
import type { DeployFinding, DeployModel, DeployRegion } from './model.js';

/**
 * The mail sender of every region (pure): `regions.<R>.services.mail.sender.email` becomes
 * SPRYKER_MAIL_SENDER_EMAIL on Spryker Cloud. It must be set, on a real domain of the project,
 * whose SES verification, SPF, DKIM and DMARC the DNS checks then look at (CLO-13, CLO-15).
 */

const { fail, warn, info } = findingsFor('mail');

const EMAIL = /^[^@\s]+@([^@\s]+\.[^@\s]+)$/;

const ISSUE_TEXT: Record<string, string> = {
  placeholder: 'a placeholder',
  local: 'a local development domain',
  example: 'an example domain',
  demo: "Spryker's (demo) domain",
  'spryker-toys': 'the default non-public Spryker Cloud domain',
};

function region(r: DeployRegion, domains: string[]): DeployFinding[] {
  const sender = r.mailSender;
  const email = sender?.email;
  if (!sender || !email) {
    return [fail('mail-sender-missing', `region ${r.name} sets no mail sender email (regions.${r.name}.services.mail.sender.email)`, 'set services.mail.sender.email (and name) in every region, e.g. no-reply@<your-domain>; Spryker Cloud passes it as SPRYKER_MAIL_SENDER_EMAIL (CLO-13)', sender?.at ?? r.at)];
  }
  const m = EMAIL.exec(email.trim());
  if (!m) return [fail('mail-sender-invalid', `region ${r.name}: mail sender "${email}" is not an email address`, 'write an address like no-reply@<your-domain>', sender.at)];
  const domain = m[1]!.toLowerCase();
  const issue = mailDomainIssue(domain, domains);
  if (issue === 'outside-domains') return [warn('mail-sender-outside-domains', `region ${r.name}: mail sender ${email} is not under the declared domains (${listed(domains)})`, 'send from a domain of the project (its SPF, DKIM and DMARC must be set up for Amazon SES)', sender.at)];
  if (issue) return [fail('mail-sender-demo-domain', `region ${r.name}: mail sender ${email} is on ${ISSUE_TEXT[issue]}`, 'send from the project\'s own domain, verified in Amazon SES with SPF, DKIM and DMARC records', sender.at)];
  return [info('mail-sender', `region ${r.name} sends mail as ${sender.name ? `${sender.name} <${email}>` : email}`, `verify ${domain} in Amazon SES and publish its SPF (include:amazonses.com), DKIM and DMARC records; ask Spryker to lift the SES sandbox before go-live (CLO-16)`, sender.at)];
}

export function analyzeMail(model: DeployModel, domains: string[]): DeployFinding[] {
  return model.regions.flatMap((r) => region(r, domains));
}
