import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { validate } from '@bpmn-io/element-templates-validator';

import { providers } from '../../runtime/catalog/providers';
import { ABSENT_BY_DEFAULT, PROPERTY, newTaskProperties } from '../../runtime/config';
import { TEMPLATES_DIR, generateTemplates } from '../../scripts/generate-templates.mjs';

const committed = readdirSync(TEMPLATES_DIR)
  .filter(name => name.endsWith('.json'))
  .map(name => ({ name, text: readFileSync(path.join(TEMPLATES_DIR, name), 'utf8') }));

const templates = committed.map(file => ({ name: file.name, template: JSON.parse(file.text) }));

function propertyBinding(template: any, name: string) {
  return template.properties.find((property: any) => property.binding.name === name);
}

describe('resources/element-templates', () => {

  it('should equal what scripts/generate-templates.mjs generates from the catalog', () => {

    // when
    const generated = generateTemplates(providers, newTaskProperties);

    // then
    expect(Object.fromEntries(committed.map(file => [ file.name, file.text ])))
      .toEqual(Object.fromEntries(generated));
  });


  it('should offer one template per catalog provider', () => {

    // then
    expect(templates.map(({ template }) => template.name).sort())
      .toEqual(providers.map(provider => `Catalyst - ${ provider.name }`).sort());
  });


  it.each(templates.map(({ name, template }) => [ name, template ]))('%s should be a valid Camunda 7 template', (_, template) => {

    // when
    const { valid, errors } = validate(JSON.stringify(template, null, 2));

    // then
    expect(errors || []).toEqual([]);
    expect(valid).toBe(true);
  });


  it('should be rejected by the validator when a binding is broken (the check can fail)', () => {

    // given
    const broken = structuredClone(templates[0].template);
    broken.properties[0].binding = { type: 'camunda:property' };

    // when
    const { valid } = validate(broken);

    // then
    expect(valid).toBe(false);
  });


  it.each(templates.map(({ name, template }) => [ name, template ]))('%s should make the task a Catalyst external task', (_, template) => {

    // then
    expect(template.appliesTo).toEqual([ 'bpmn:ServiceTask', 'bpmn:SendTask' ]);
    expect(propertyBinding(template, 'camunda:type')).toMatchObject({ type: 'Hidden', value: 'external' });
    expect(propertyBinding(template, 'camunda:topic')).toMatchObject({ type: 'Hidden', value: 'catalyst' });
  });


  it.each(templates.map(({ name, template }) => [ name, template ]))('%s should bind every contract property to its provider default', (_, template) => {

    // given
    const providerId = propertyBinding(template, PROPERTY.provider).value;
    const defaults = newTaskProperties(providerId);

    // then
    for (const name of Object.values(PROPERTY).filter(each => !ABSENT_BY_DEFAULT.includes(each))) {
      const property = propertyBinding(template, name);

      expect(property, name).toBeDefined();
      expect(property.binding.type, name).toBe('camunda:property');
      expect(property.value, name).toBe(defaults[name]);
    }
  });


  it('should keep payload and mappings hidden (the Catalyst panel edits them)', () => {

    // given
    const hidden = [ PROPERTY.payload, PROPERTY.responseMapping, PROPERTY.errorMapping, PROPERTY.provider, PROPERTY.version ];

    // then
    for (const { template } of templates) {
      expect(hidden.map(name => propertyBinding(template, name).type)).toEqual(hidden.map(() => 'Hidden'));
    }
  });


  it('should not reuse the Catalyst panel labels, so each label names one control', () => {

    // given
    const panelLabels = [ 'provider', 'model', 'endpoint url', 'auth', 'secret source', 'secret name',
      'payload', 'response mapping', 'error mapping', 'timeout', 'retries' ];

    // when
    const labels = templates.flatMap(({ template }) =>
      template.properties.map((property: any) => property.label).filter(Boolean).map((label: string) => label.toLowerCase()));

    // then
    expect(labels.filter(label => panelLabels.some(panelLabel => label.includes(panelLabel)))).toEqual([]);
  });


  it('should carry a 64x64 SVG icon as a data URI', () => {

    for (const { template } of templates) {

      // when
      const uri: string = template.icon.contents;
      const svg = decodeURIComponent(uri.slice('data:image/svg+xml,'.length));

      // then
      expect(uri.startsWith('data:image/svg+xml,')).toBe(true);
      expect(svg).toMatch(/^<svg [^>]*width='64' height='64' viewBox='0 0 64 64'/);
    }
  });

});
