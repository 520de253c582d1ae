/** @jsxImportSource @bpmn-io/properties-panel/preact */
import { useEffect, useRef, useState } from '@bpmn-io/properties-panel/preact/hooks';

import { messageOf } from '../../runtime/errors';
import type { TaskProperties } from '../../runtime/types';
import type { CatalystBridge, UntrustedSend } from '../bridge';

import { approvalStatusText, askLabel, notSentText, secretLabel, type ApprovalState } from './key-trust';
import type { Translate } from './translate';

export interface KeyTrustOfferProps {
  bridge: Pick<CatalystBridge, 'approveKeySend'>;

  /** The task whose key was refused: the bridge works out the pair from it again. */
  properties: TaskProperties;
  refused: UntrustedSend;
  translate: Translate;

  /** Called once the user said yes in the host's question: the caller retries its action. */
  onApproved(): void;

  /** The sentence before the button; default: why nothing was sent. */
  text?: string;

  /** The button's label; default: "Ask to trust <host> for <secret>…". */
  label?: string;

  /** More about what the button does, when its label does not say it all. */
  title?: string;
  buttonClass: string;

  /** `true` in the panel: a hint beside the curated list, not an alert. */
  quiet?: boolean;
}

/**
 * A key the bridge did not send, in words, and the offer to trust its host. The question
 * itself is asked by the host (the Modeler's main process), never answered in this page.
 * While it is open the button stays focusable (`aria-disabled`), so the keyboard focus
 * does not fall out of the dialog or the panel.
 */
export function KeyTrustOffer(props: KeyTrustOfferProps) {
  const { bridge, properties, refused, translate, onApproved, quiet, buttonClass } = props;
  const [ approval, setApproval ] = useState<ApprovalState>({ state: 'offered' });
  const shown = useRef(true);

  useEffect(() => () => {
    shown.current = false;
  }, []);

  // another task, another pair: the earlier answer does not hold for it
  useEffect(() => setApproval({ state: 'offered' }), [ refused.secret, refused.host ]);

  const secret = secretLabel(refused, properties);
  const asking = approval.state === 'asking';

  const ask = () => {
    if (asking) {
      return;
    }

    setApproval({ state: 'asking' });
    bridge.approveKeySend(properties).then(answer => {
      if (!shown.current) {
        return;
      }

      if (answer.approved) {
        setApproval({ state: 'offered' });
        onApproved();
      } else {
        setApproval({ state: 'refused' });
      }
    }, error => shown.current && setApproval({ state: 'failed', message: messageOf(error) }));
  };

  const status = approvalStatusText(approval, refused, secret, translate);

  return <div class={ `catalyst-trust ${quiet ? 'catalyst-trust--quiet' : ''}` } data-trust-host={ refused.host }>
    <p class="catalyst-trust__text" role={ quiet ? undefined : 'alert' }>{ props.text ?? notSentText(refused, translate) }</p>
    <button
      type="button"
      class={ `${buttonClass} catalyst-trust__ask` }
      title={ props.title }
      aria-disabled={ asking ? 'true' : undefined }
      onClick={ ask }>{ props.label ?? askLabel(refused, secret, translate) }</button>
    { status && <p class={ `catalyst-trust__status catalyst-trust__status--${approval.state}` } role="status">{ status }</p> }
  </div>;
}
