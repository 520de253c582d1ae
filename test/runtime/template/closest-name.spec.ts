import { describe, expect, it } from 'vitest';

import { closestName } from '../../../runtime/template/closest-name';

describe('template/closest-name', () => {

  it('suggests the name one typo away', () => {

    // then
    expect(closestName('userMesage', [ 'orderId', 'userMessage' ])).toBe('userMessage');
  });

  it('ignores case when comparing', () => {

    // then
    expect(closestName('usermessage', [ 'userMessage' ])).toBe('userMessage');
  });

  it('prefers the closer of two candidates', () => {

    // then
    expect(closestName('ordr', [ 'orders', 'order' ])).toBe('order');
  });

  it('suggests nothing more than two edits away', () => {

    // then
    expect(closestName('customer', [ 'userMessage', 'costumes' ])).toBeNull();
    expect(closestName('x', [])).toBeNull();
  });
});
