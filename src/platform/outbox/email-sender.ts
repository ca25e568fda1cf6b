import { NotifyClient } from "notifications-node-client";

export interface EmailToSend {
  to: string;
  subject: string;
  body: string;
  reference: string;
}

export class PermanentSendError extends Error {}

/** Something that delivers an email and returns the provider's id for it. */
export interface EmailSender {
  send(email: EmailToSend): Promise<string>;
}

/**
 * GOV.UK Notify through its official client. One Notify email template whose subject is
 * ((subject)) and body ((body)) carries every message, so templates live in this service's code.
 */
export class NotifyEmailSender implements EmailSender {
  readonly #client: NotifyClient;

  constructor(
    apiKey: string,
    private readonly templateId: string,
    baseUrl?: string,
  ) {
    this.#client = baseUrl ? new NotifyClient(baseUrl, apiKey) : new NotifyClient(apiKey);
  }

  async send(email: EmailToSend): Promise<string> {
    try {
      const response = await this.#client.sendEmail(this.templateId, email.to, {
        personalisation: { subject: email.subject, body: email.body },
        reference: email.reference,
      });
      return response.data.id;
    } catch (err) {
      const status = (err as { response?: { status?: number } }).response?.status;
      // Notify's 400s and 403s will not succeed on retry; 429 and 5xx may.
      if (status === 400 || status === 403) {
        throw new PermanentSendError(`GOV.UK Notify refused the message (${status})`);
      }
      throw new Error(`GOV.UK Notify did not accept the message (${status ?? "no response"})`);
    }
  }
}
