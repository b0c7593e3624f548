/**
 * Mail the trust page sends (a requester's download link), through SMTP when the installation has it
 * (`ASSAY_SMTP_HOST`, `ASSAY_SMTP_PORT`, `ASSAY_SMTP_USER`, `ASSAY_SMTP_PASSWORD`, `ASSAY_SMTP_FROM`); without it
 * nothing is sent and the admin is shown the link to pass on.
 */
import nodemailer, { type Transporter } from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

export interface SmtpSettings {
  host: string;
  port: number;
  user: string | null;
  password: string | null;
  from: string;
}

/** The SMTP settings from the environment, or null when `ASSAY_SMTP_HOST` is not set. */
export function smtpSettingsFrom(env: NodeJS.ProcessEnv): SmtpSettings | null {
  const host = env.ASSAY_SMTP_HOST?.trim();
  if (!host) return null;
  const port = env.ASSAY_SMTP_PORT?.trim() || '587';
  if (!/^[1-9]\d{0,4}$/.test(port) || Number(port) > 65535) throw new Error(`ASSAY_SMTP_PORT must be a port number, not "${port}"`);
  const from = env.ASSAY_SMTP_FROM?.trim();
  if (!from) throw new Error('ASSAY_SMTP_FROM must name the sender when ASSAY_SMTP_HOST is set');
  return { host, port: Number(port), user: env.ASSAY_SMTP_USER?.trim() || null, password: env.ASSAY_SMTP_PASSWORD ?? null, from };
}

/** A mailer over a nodemailer transport (tests pass nodemailer's JSON transport). */
export function transportMailer(transport: Transporter, from: string): Mailer {
  return {
    async send(message) {
      await transport.sendMail({ from, ...message });
    },
  };
}

/** A mailer over SMTP (TLS from the start on port 465, STARTTLS otherwise). */
export function smtpMailer(settings: SmtpSettings): Mailer {
  const auth = settings.user !== null ? { auth: { user: settings.user, pass: settings.password ?? '' } } : {};
  return transportMailer(nodemailer.createTransport({ host: settings.host, port: settings.port, secure: settings.port === 465, ...auth }), settings.from);
}
